package dev.corpusforge.training.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The trainers (model, gradient and AdamW arrays, open shards) that an executor JVM keeps between rounds, one per
 * worker it ran, so that a round overwrites them with the broadcast state ({@link LocalTrainer#load}) instead of
 * allocating and converting them again. A kept trainer is only a set of buffers: every round loads the whole state
 * into it, so a stale one (its worker ran elsewhere meanwhile) is as good as a fresh one, and a miss (a new or
 * replacement executor, another GPU) builds the trainer from the broadcast state as before.
 *
 * <p>A task takes its trainer out while it fits and puts it back after, so a speculative or retried copy of the same
 * worker in the same JVM never shares it. Entries of other runs are closed when a run's task arrives, and the driver
 * closes its run's entries at the end (in local mode the driver JVM is the executor).
 */
final class ExecutorTrainers {
  /** A run (one {@link ParameterAveraging}), a worker, and the device its arrays live on. */
  record Key(String run, int worker, String device) {}

  /** A kept trainer and the token source its sampler reads. */
  record Resident(LocalTrainer trainer, TokenSource source) implements AutoCloseable {
    @Override
    public void close() {
      source.close();
    }
  }

  private static final Map<Key, Resident> KEPT = new ConcurrentHashMap<>();

  private ExecutorTrainers() {}

  /** The trainer kept for {@code key}, removed from the cache while the caller uses it; null on a miss. */
  static Resident take(Key key) {
    closeWhere(k -> !k.run().equals(key.run()));
    return KEPT.remove(key);
  }

  /** Keeps {@code resident} for the next round of its worker. */
  static void put(Key key, Resident resident) {
    Resident previous = KEPT.put(key, resident);
    if (previous != null) previous.close();
  }

  /** Closes and drops the trainers of {@code run} held in this JVM. */
  static void release(String run) {
    closeWhere(k -> k.run().equals(run));
  }

  private static void closeWhere(Predicate<Key> which) {
    KEPT.entrySet().removeIf(e -> {
      if (!which.test(e.getKey())) return false;
      e.getValue().close();
      return true;
    });
  }
}
