package io.cairn.run.command;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Friendly generated names for runs created without one ("brave-otter-417"). */
final class RunNames {

    private static final List<String> ADJECTIVES = List.of("amber", "bold", "brave", "calm", "clever", "crisp",
            "eager", "gentle", "golden", "keen", "lucid", "merry", "nimble", "quiet", "rapid", "silent", "steady",
            "sunny", "swift", "vivid", "wise", "zesty");
    private static final List<String> NOUNS = List.of("badger", "comet", "crane", "falcon", "fern", "finch", "fox",
            "glacier", "heron", "lynx", "maple", "meadow", "otter", "owl", "pine", "raven", "river", "salmon",
            "sparrow", "summit", "tiger", "willow");

    private RunNames() {
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + random.nextInt(100, 1000);
    }
}
