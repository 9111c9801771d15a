namespace MarketIntel.Cli;

/// <summary>A bad argument or input detected by a command: printed to stderr, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
