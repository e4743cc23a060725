using ApiManager.Gateway.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ApiManager.Gateway.Traffic;

/// <summary>
/// Admits forwarded requests when the node is saturated. Below <see cref="AdmissionOptions.MaxInFlight"/> with nobody
/// waiting, entering is one compare-and-swap and no allocation (<see cref="TryEnter"/>). Otherwise the request waits in
/// the queue of its priority (<see cref="WaitAsync"/>); every <see cref="Exit"/> hands the freed slot to the
/// highest-priority waiter (0 first, FIFO within a priority), so under overload priority 0 keeps flowing while low
/// priorities time out or find the queue full (503 <c>gateway_busy</c>). In-flight and queued counts are gauges read at
/// scrape time; refusals are counted per priority.
/// </summary>
internal sealed class PriorityAdmission
{
    public const int Priorities = 10;

    private readonly int _max;
    private readonly int _queueLimit;
    private readonly TimeSpan _maxWait;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter>[] _queues = new LinkedList<Waiter>[Priorities];
    private readonly Counter.Child[] _timedOut = new Counter.Child[Priorities];
    private readonly Counter.Child[] _queueFull = new Counter.Child[Priorities];
    private int _inFlight;
    private int _queued;

    public PriorityAdmission(IOptions<AdmissionOptions> options, GatewayMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var settings = options.Value;
        _max = Math.Max(0, settings.MaxInFlight);
        _queueLimit = Math.Max(0, settings.QueueLimit);
        _maxWait = TimeSpan.FromMilliseconds(Math.Max(1, settings.MaxWaitMs));
        DefaultPriority = Math.Clamp(settings.DefaultPriority, 0, Priorities - 1);
        RetryAfter = Math.Max(1, (int)Math.Ceiling(_maxWait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < Priorities; i++)
        {
            _queues[i] = new LinkedList<Waiter>();
        }

        var inFlight = metrics.Factory.CreateGauge("apimanager_gateway_admission_in_flight", "Forwarded requests holding an admission slot on this node.");
        var queued = metrics.Factory.CreateGauge("apimanager_gateway_admission_queued", "Requests waiting for admission on this node.");
        var rejected = metrics.Factory.CreateCounter(
            "apimanager_gateway_admission_rejected_total",
            "Requests refused with 503 gateway_busy, per client priority and reason (timeout, queue_full).",
            new CounterConfiguration { LabelNames = ["priority", "reason"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        for (var i = 0; i < Priorities; i++)
        {
            var label = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _timedOut[i] = rejected.WithLabels(label, "timeout");
            _queueFull[i] = rejected.WithLabels(label, "queue_full");
        }

        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            inFlight.Set(InFlight);
            queued.Set(Queued);
        });
    }

    /// <summary>Priority of callers without a client (public APIs).</summary>
    public int DefaultPriority { get; }

    /// <summary>True when admission is on (<see cref="AdmissionOptions.MaxInFlight"/> above 0).</summary>
    public bool IsEnabled => _max > 0;

    /// <summary>Requests holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests waiting now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>The <c>Retry-After</c> value of a refusal (the longest wait, in whole seconds).</summary>
    public string RetryAfter { get; }

    /// <summary>
    /// The fast path: takes a slot when one is free and nobody waits. True = admitted (call <see cref="Exit"/> when
    /// done); false = call <see cref="WaitAsync"/>. Always true when admission is off.
    /// </summary>
    public bool TryEnter()
    {
        if (_max <= 0)
        {
            return true;
        }

        if (Volatile.Read(ref _queued) != 0)
        {
            return false;
        }

        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (current >= _max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Waits in the queue of <paramref name="priority"/> for a slot, at most <see cref="AdmissionOptions.MaxWaitMs"/>.
    /// True = admitted (call <see cref="Exit"/>); false = refused (timed out, queue full, or the caller went away).
    /// </summary>
    public async ValueTask<bool> WaitAsync(int priority, CancellationToken cancellationToken)
    {
        priority = Math.Clamp(priority, 0, Priorities - 1);
        Waiter waiter;
        lock (_lock)
        {
            if (Volatile.Read(ref _queued) == 0 && TryTakeSlot())
            {
                return true;
            }

            if (Volatile.Read(ref _queued) >= _queueLimit)
            {
                _queueFull[priority].Inc();
                return false;
            }

            waiter = new Waiter();
            waiter.Node = _queues[priority].AddLast(waiter);
            Interlocked.Increment(ref _queued);

            // A slot freed between the fast path and now would otherwise wait for the next exit.
            Pump();
        }

        try
        {
            await waiter.Admitted.Task.WaitAsync(_maxWait, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.Granted)
                {
                    // Handed a slot just as the wait ended: it is ours to use (and to exit).
                    return true;
                }

                _queues[priority].Remove(waiter.Node!);
                Interlocked.Decrement(ref _queued);
            }

            if (ex is TimeoutException)
            {
                _timedOut[priority].Inc();
            }

            return false;
        }
    }

    /// <summary>Gives the slot back: to the highest-priority waiter if any, else to the pool.</summary>
    public void Exit()
    {
        if (_max <= 0)
        {
            return;
        }

        Interlocked.Decrement(ref _inFlight);
        if (Volatile.Read(ref _queued) != 0)
        {
            lock (_lock)
            {
                Pump();
            }
        }
    }

    /// <summary>Sets <c>Retry-After</c> on a refusal.</summary>
    public void AddRetryAfter(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfter;
    }

    /// <summary>Hands free slots to waiters, priority 0 first (under the lock).</summary>
    private void Pump()
    {
        for (var priority = 0; priority < Priorities; priority++)
        {
            var queue = _queues[priority];
            while (queue.First is { } first)
            {
                if (!TryTakeSlot())
                {
                    return;
                }

                queue.RemoveFirst();
                Interlocked.Decrement(ref _queued);
                first.Value.Granted = true;
                first.Value.Admitted.TrySetResult();
            }
        }
    }

    private bool TryTakeSlot()
    {
        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (current >= _max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource Admitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public bool Granted { get; set; }
    }
}
