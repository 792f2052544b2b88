package vn.hoso.generate;

import java.util.SplittableRandom;

/** Random draws beyond what {@link SplittableRandom} offers, computed with StrictMath so every JVM agrees. */
final class Draws {
    private Draws() {
    }

    /** A standard normal variate (Box–Muller). */
    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** An index drawn with probability proportional to its weight. */
    static int weighted(SplittableRandom rng, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
