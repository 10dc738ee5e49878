using System.Collections.Concurrent;

namespace RobotSdk.Calibration.Tests.Servoing;

/// <summary>
/// One thread for everything that touches a simulated camera's OpenGL context (creating, rendering,
/// disposing). An OSMesa context is made current on whichever thread renders and stays current there;
/// rendering from thread-pool continuations leaves a freed context current on pool threads after a
/// test, and the next test's camera segfaulted when it rendered on such a thread. A thread per test
/// ends with its context.
/// </summary>
internal sealed class RenderThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public RenderThread()
    {
        _thread = new Thread(() =>
        {
            foreach (Action action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "servo test render thread" };
        _thread.Start();
    }

    public Task<T> RunAsync<T>(Func<T> function)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(function());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });
        return completion.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}
