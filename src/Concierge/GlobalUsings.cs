global using Concierge.Platform;
