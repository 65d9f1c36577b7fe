namespace Antonio.Web.Hosting;

/// <summary>A start-up problem the operator can fix; printed as one line, never as a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
