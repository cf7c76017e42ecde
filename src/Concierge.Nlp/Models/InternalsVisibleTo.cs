using System.Runtime.CompilerServices;

// The engine's tests and micro-benchmarks exercise internal building blocks (featurizer, trainers) directly.
[assembly: InternalsVisibleTo("Concierge.Nlp.Tests")]
[assembly: InternalsVisibleTo("Concierge.Benchmarks")]
