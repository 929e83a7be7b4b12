package dev.latch.cli;

/** The command line itself is wrong: exit code 2, the message and the usage line on stderr. */
final class Usage extends RuntimeException {

    Usage(String message) {
        super(message);
    }
}
