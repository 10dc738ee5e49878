using System.Collections.Concurrent;

namespace RobotSdk.Testing;

/// <summary>
/// Runs work items one after another on one dedicated thread, so a test decides which thread touches
/// an OpenGL context (creating, rendering, disposing a simulated camera), instead of whichever pool
/// thread a continuation lands on.
/// </summary>
internal sealed class DedicatedThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _thread;

    public DedicatedThread()
    {
        _thread = new Thread(() =>
        {
            foreach (Action action in _work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "test render thread" };
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

    /// <summary>Runs <paramref name="function"/> on the thread and waits for it.</summary>
    public T Run<T>(Func<T> function) => RunAsync(function).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="action"/> on the thread and waits for it.</summary>
    public void Run(Action action) => Run<object?>(() =>
    {
        action();
        return null;
    });

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}
