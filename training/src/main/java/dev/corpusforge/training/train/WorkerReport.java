package dev.corpusforge.training.train;

import java.io.Serializable;
import java.util.List;

/**
 * What one worker's task reports for a round: the device it computed on ({@link TaskDevice}), whether it took up the
 * broadcast state in the trainer its executor kept from an earlier round ({@link ExecutorTrainers}) or built a new one,
 * the seconds it took to obtain the broadcast state and take it up, the wall and thread CPU seconds of its local steps (CPU
 * below wall when the thread waited for a core), and the log of each step.
 */
public record WorkerReport(int worker, String device, boolean keptTrainer, double broadcastSeconds, double fitSeconds, double fitCpuSeconds,
    List<LocalTrainer.StepLog> steps) implements Serializable {}
