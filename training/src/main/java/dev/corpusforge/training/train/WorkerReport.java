package dev.corpusforge.training.train;

import java.io.Serializable;
import java.util.List;

/**
 * What one worker's task reports for a round: the device it computed on ({@link TaskDevice}), the seconds it took to
 * obtain the broadcast state and to fit its local steps, and the log of each step.
 */
public record WorkerReport(int worker, String device, double broadcastSeconds, double fitSeconds,
    List<LocalTrainer.StepLog> steps) implements Serializable {}
