using System.Collections.Concurrent;

namespace RobotSdk.Simulation.Tests;

/// <summary>Runs work items one after another on one dedicated thread, so a test controls which thread touches a GL context.</summary>
internal sealed class SingleThreadWork : IDisposable
{
    private readonly BlockingCollection<Action> work = [];
    private readonly Thread thread;

    public SingleThreadWork()
    {
        thread = new Thread(() =>
        {
            foreach (Action action in work.GetConsumingEnumerable())
            {
                action();
            }
        })
        { IsBackground = true, Name = "test render thread" };
        thread.Start();
    }

    public void Run(Action action) => Run<object?>(() =>
    {
        action();
        return null;
    });

    public T Run<T>(Func<T> function)
    {
        T result = default!;
        Exception? failure = null;
        using var done = new ManualResetEventSlim();
        work.Add(() =>
        {
            try
            {
                result = function();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                done.Set();
            }
        });
        done.Wait();
        return failure is null ? result : throw new InvalidOperationException("the work item failed on the render thread", failure);
    }

    public void Dispose()
    {
        work.CompleteAdding();
        thread.Join();
        work.Dispose();
    }
}
