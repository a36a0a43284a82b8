package org.lowrank.sensing;

import java.util.List;

/**
 * The outcome of one fit.
 *
 * @param method     "depth N" or "nuclear norm"
 * @param depth      N, or 0 for the nuclear-norm baseline
 * @param m          measurements
 * @param seed       problem and init seed
 * @param error      relative reconstruction error ‖W − W*‖_F/‖W*‖_F at the end
 * @param rho        effective rank ρ of the final W
 * @param loss       final training loss
 * @param steps      steps taken
 * @param diverged   whether the loss became non-finite (error and ρ are then NaN)
 * @param trace      the recorded (step, loss, error, ρ) points
 */
public record SensingRun(String method, int depth, int m, long seed, double error, double rho, double loss, int steps,
                         boolean diverged, List<TracePoint> trace) {
    /** One recorded point of a training run. */
    public record TracePoint(int step, double loss, double error, double rho) {}
}
