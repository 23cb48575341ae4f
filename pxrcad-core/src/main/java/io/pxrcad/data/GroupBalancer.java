package io.pxrcad.data;

/**
 * Greedy assignment of indivisible groups (one patient's images) to bins so that each bin's
 * count per stratum comes close to a target: groups are taken in the given order (callers
 * put large groups first, the rest shuffled by seed) and each goes to the bin where it
 * increases the squared deviation from the targets least (ties: lowest bin). Single-image
 * groups, which come last, then fill the remaining deficits one image at a time, which is
 * what keeps every bin within about one image of its target per stratum.
 */
final class GroupBalancer {
    private GroupBalancer() {}

    /**
     * @param groups  per group, its image count per stratum ({@code [group][stratum]})
     * @param targets per bin, the wanted count per stratum ({@code [bin][stratum]})
     * @return the bin of each group
     */
    static int[] assign(int[][] groups, double[][] targets) {
        int bins = targets.length, strata = targets[0].length;
        double[][] count = new double[bins][strata];
        int[] bin = new int[groups.length];
        for (int g = 0; g < groups.length; g++) {
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int b = 0; b < bins; b++) {
                double cost = 0;
                for (int s = 0; s < strata; s++) {
                    int add = groups[g][s];
                    if (add == 0) continue;
                    double dev = count[b][s] - targets[b][s];
                    cost += (dev + add) * (dev + add) - dev * dev;
                }
                if (cost < bestCost - 1e-9) {
                    bestCost = cost;
                    best = b;
                }
            }
            bin[g] = best;
            for (int s = 0; s < strata; s++) count[best][s] += groups[g][s];
        }
        return bin;
    }
}
