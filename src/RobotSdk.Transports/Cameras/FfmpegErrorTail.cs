using System.Diagnostics;

namespace RobotSdk.Transports.Cameras;

/// <summary>
/// Drains ffmpeg's stderr on its own thread (a full pipe would stall ffmpeg) and keeps its last
/// lines, which are what explains a failure.
/// </summary>
internal sealed class FfmpegErrorTail
{
    private const int MaxLines = 12;

    private readonly Queue<string> _lines = new(MaxLines);
    private readonly Lock _gate = new();
    private readonly Thread _thread;

    public FfmpegErrorTail(StreamReader standardError, string cameraName)
    {
        _thread = new Thread(() => Drain(standardError)) { IsBackground = true, Name = $"ffmpeg stderr ({cameraName})" };
        _thread.Start();
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for stderr to end (it ends when ffmpeg exits).</summary>
    public bool WaitForEnd(int timeoutMs) => _thread.Join(timeoutMs);

    /// <summary>The last lines, joined; or a note that ffmpeg said nothing.</summary>
    public string Text()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(ffmpeg printed no error)" : string.Join(" | ", _lines);
        }
    }

    private void Drain(StreamReader reader)
    {
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                lock (_gate)
                {
                    if (_lines.Count == MaxLines)
                    {
                        _lines.Dequeue();
                    }

                    _lines.Enqueue(line.Trim());
                }
            }
        }
        catch (IOException exception)
        {
            Debug.WriteLine($"ffmpeg stderr ended with {exception.Message}");
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed while we read: nothing more to keep.
        }
    }
}
