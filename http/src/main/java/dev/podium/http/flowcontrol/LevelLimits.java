package dev.podium.http.flowcontrol;

/**
 * The seats of one priority level, from its share of the server's concurrency as kube computes
 * them: {@code nominal = ceil(server × shares / Σ shares)}; {@code min} is what it never lends,
 * {@code max} what it may reach by borrowing.
 */
record LevelLimits(int nominal, int min, int max) {
    static LevelLimits of(LevelSpec level, int serverLimit, int totalShares) {
        int nominal = totalShares == 0 ? 0 : (int) Math.ceil((double) serverLimit * level.shares() / totalShares);
        int lendable = (int) Math.round(nominal * level.lendablePercent() / 100.0);
        int borrowing = level.borrowingLimitPercent() == null ? serverLimit : (int) Math.round(nominal * level.borrowingLimitPercent() / 100.0);
        return new LevelLimits(nominal, nominal - lendable, nominal + borrowing);
    }
}
