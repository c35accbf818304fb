namespace Clawdbot.Sdk.Testing;

/// <summary>How a request authenticated itself.</summary>
public enum RequestAuthKind
{
    /// <summary>
    /// Neither: no credentials, or an identity call that proves itself another way (a web identity token, an IAM
    /// Identity Center token, an instance metadata session token, a container authorization token).
    /// </summary>
    None,

    /// <summary>A Bedrock API key in <c>Authorization: Bearer</c>.</summary>
    Bearer,

    /// <summary>An AWS Signature Version 4 <c>Authorization</c> header.</summary>
    SigV4,
}
