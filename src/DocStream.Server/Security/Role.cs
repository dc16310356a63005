namespace DocStream.Server.Security;

/// <summary>What a caller may do; each role may do everything the roles below it may.</summary>
public enum Role
{
    /// <summary>Read: get, batch get, list, stream, watch, search, stories.</summary>
    Reader = 1,

    /// <summary>Reader, plus create and import.</summary>
    Writer = 2,

    /// <summary>Writer, plus delete, rebuild the index, regroup stories and any other maintenance.</summary>
    Admin = 3,
}
