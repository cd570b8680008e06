package dev.podium.model.meta;

import java.util.random.RandomGenerator;

/** Names made from metadata.generateName, as kube's: the prefix and five characters that spell no words. */
public final class GeneratedNames {
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private GeneratedNames() {}

    public static String suffix(RandomGenerator random) {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    public static String from(String generateName, RandomGenerator random) {
        return generateName + suffix(random);
    }
}
