namespace ServicePortal.Core.Auditing;

/// <summary>Who is acting right now (a signed-in user, an API token's user, or the system).</summary>
public interface ICurrentActor
{
    string Name { get; }
}

/// <summary>The actor for work no user started: start-up seeding, background jobs.</summary>
public sealed class SystemActor : ICurrentActor
{
    public const string SystemName = "system";

    public string Name => SystemName;
}
