global using Xunit; global using Shouldly;
