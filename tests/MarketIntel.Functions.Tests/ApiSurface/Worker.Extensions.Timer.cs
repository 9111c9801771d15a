// Package: Microsoft.Azure.Functions.Worker.Extensions.Timer 4.3.1.
// Source: Azure/azure-functions-dotnet-worker, extensions/Worker.Extensions.Timer/src/TimerTriggerAttribute.cs;
// TimerInfo and ScheduleStatus as documented for the isolated worker (Microsoft.Azure.Functions.Worker namespace).
#pragma warning disable CA1019
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TimerTriggerAttribute(string schedule) : Attribute
{
    public string Schedule { get; } = schedule;

    public bool UseMonitor { get; set; } = true;

    public bool RunOnStartup { get; set; }
}

public class TimerInfo
{
    public ScheduleStatus? ScheduleStatus { get; set; }

    public bool IsPastDue { get; set; }
}

public class ScheduleStatus
{
    public DateTime Last { get; set; }

    public DateTime Next { get; set; }

    public DateTime LastUpdated { get; set; }
}
