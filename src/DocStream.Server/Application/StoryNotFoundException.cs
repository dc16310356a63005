namespace DocStream.Server.Application;

/// <summary>No stored document belongs to the story a call asked for.</summary>
/// <param name="name">The resource name asked for.</param>
public sealed class StoryNotFoundException(string name) : Exception($"{name} does not exist")
{
    /// <summary>The resource name asked for.</summary>
    public string Name { get; } = name;
}
