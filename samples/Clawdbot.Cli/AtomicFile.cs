namespace Clawdbot.Cli;

/// <summary>Replaces a file's content all at once: the new text goes to a temporary file beside it, the old file to
/// <c>FILE.bak</c> (one backup, overwritten), then the temporary file is renamed over the original. A symbolic link is
/// followed (the file it points to is replaced, the link stays) and the file keeps its permissions.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        path = RealPath(path);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            // A config may hold an apiKey: the new text is never readable by more users than the old one was.
            UnixFileMode? mode = !OperatingSystem.IsWindows() && File.Exists(path) ? File.GetUnixFileMode(path) : null;
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows() && mode is { } createMode)
            {
                options.UnixCreateMode = createMode;
            }

            using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            {
                writer.Write(text);
            }

            if (!OperatingSystem.IsWindows() && mode is { } exactMode)
            {
                // The create mode passes through the umask; the original's bits are set exactly.
                File.SetUnixFileMode(temporary, exactMode);
            }

            if (File.Exists(path))
            {
                File.Copy(path, path + ".bak", overwrite: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // Renaming over a link would replace the link with a plain file and leave its target as it was.
    private static string RealPath(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }
}
