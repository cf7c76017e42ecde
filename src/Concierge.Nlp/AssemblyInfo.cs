namespace Concierge.Nlp;
