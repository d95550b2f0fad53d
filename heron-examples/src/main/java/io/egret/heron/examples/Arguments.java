package io.egret.heron.examples;

/** The examples' command line: {@code <topology name> [--limit N] [--containers N]}. */
record Arguments(String name, long limit, int containers) {
    static Arguments parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: <topology name> [--limit N] [--containers N]");
        }
        long limit = Long.MAX_VALUE;
        int containers = 1;
        for (int index = 1; index < args.length; index += 2) {
            if (index + 1 >= args.length) {
                throw new IllegalArgumentException(args[index] + " needs a value");
            }
            switch (args[index]) {
                case "--limit" -> limit = Long.parseLong(args[index + 1]);
                case "--containers" -> containers = Integer.parseInt(args[index + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[index]);
            }
        }
        return new Arguments(args[0], limit, containers);
    }
}
