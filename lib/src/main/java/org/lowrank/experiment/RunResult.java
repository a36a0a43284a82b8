package org.lowrank.experiment;

/**
 * What one run produced; one CSV row. ρ values are NaN where not measured (ρ(W_e) needs a linear net, ρ(K) needs
 * {@link RunSpec#gram()}).
 *
 * @param key         {@link RunSpec#key()}
 * @param group       the spec's group
 * @param depth       number of weight matrices
 * @param activation  activation name
 * @param init        init name
 * @param targetRank  rank of W*
 * @param optimizer   optimizer name
 * @param lr          learning rate used
 * @param seed        run seed
 * @param steps       iterations / evaluations used
 * @param status      how the run ended
 * @param trainLoss   final training MSE
 * @param testLoss    final test MSE
 * @param rhoInit     ρ(W_e) at initialization
 * @param rhoFinal    ρ(W_e) at the end
 * @param gramInit    ρ(K) at initialization
 * @param gramFinal   ρ(K) at the end
 * @param rhoTarget   ρ(W*)
 * @param seconds     wall time of the run (informational)
 */
public record RunResult(String key, String group, int depth, String activation, String init, int targetRank,
                        String optimizer, double lr, long seed, int steps, RunStatus status, double trainLoss,
                        double testLoss, double rhoInit, double rhoFinal, double gramInit, double gramFinal,
                        double rhoTarget, double seconds) implements java.io.Serializable {

    /** CSV header (one line, no newline). */
    public static final String HEADER = "key,group,depth,activation,init,targetRank,optimizer,lr,seed,steps,status,"
            + "trainLoss,testLoss,rhoInit,rhoFinal,gramInit,gramFinal,rhoTarget,seconds";

    /** Number of CSV fields. */
    public static final int FIELDS = HEADER.split(",").length;

    /** This result as one CSV line (no newline); doubles print exactly (round-trip). */
    public String toCsv() {
        return String.join(",", key, group, Integer.toString(depth), activation, init, Integer.toString(targetRank),
                optimizer, Double.toString(lr), Long.toString(seed), Integer.toString(steps), status.csv(),
                Double.toString(trainLoss), Double.toString(testLoss), Double.toString(rhoInit), Double.toString(rhoFinal),
                Double.toString(gramInit), Double.toString(gramFinal), Double.toString(rhoTarget), Double.toString(seconds));
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static RunResult fromCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != FIELDS) throw new IllegalArgumentException("CSV line must have " + FIELDS + " fields, got " + f.length + ": " + line);
        return new RunResult(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], Integer.parseInt(f[5]), f[6],
                Double.parseDouble(f[7]), Long.parseLong(f[8]), Integer.parseInt(f[9]), RunStatus.parse(f[10]), Double.parseDouble(f[11]),
                Double.parseDouble(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]), Double.parseDouble(f[15]),
                Double.parseDouble(f[16]), Double.parseDouble(f[17]), Double.parseDouble(f[18]));
    }
}
