package dev.latch.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command fails, in parachute's words: {@code latch <command>: <message>} on stderr, then for
 * a wrong command line its usage line (exit 2); for a refusal the problem's code (exit 1).
 */
final class Errors
        implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    /** picocli's quoted words, in pairs from the left: option names and the values given. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final Latch latch;

    Errors(Latch latch) {
        this.latch = latch;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        return usage(e.getCommandLine(), describe(e));
    }

    @Override
    public int handleExecutionException(
            Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof Usage) {
            return usage(command, e.getMessage());
        }
        if (e instanceof Refused refused) {
            latch.err.println(
                    prefix(command)
                            + (refused.code() == null ? "" : refused.code() + ": ")
                            + refused.getMessage());
            return 1;
        }
        // never the exception's message: it may quote a credential
        latch.err.println(
                prefix(command) + "failed unexpectedly (" + e.getClass().getSimpleName() + ")");
        return 1;
    }

    private int usage(CommandLine command, String message) {
        latch.err.println(prefix(command) + message);
        String synopsis =
                new CommandLine.Help(
                                command.getCommandSpec(),
                                CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                        .synopsis(0)
                        .strip();
        latch.err.println("usage: " + synopsis.replaceAll("\\s+", " "));
        return 2;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    /** picocli's messages, said as parachute says them. */
    private static String describe(ParameterException e) {
        // an unknown flag is named first, as parachute does, even when a required one is missing
        var parsed = e.getCommandLine().getParseResult();
        List<String> unmatched =
                e instanceof UnmatchedArgumentException u
                        ? u.getUnmatched()
                        : parsed == null ? List.of() : parsed.unmatched();
        if (!unmatched.isEmpty()) {
            // a value written into the flag (--password=…) is not repeated: it may be a secret
            String arg = unmatched.get(0).replaceFirst("^(--?[^=]*)=.*", "$1=…");
            return "unknown flag \"" + arg + "\"";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            String name =
                    arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            return e.getMessage().startsWith("Missing required parameter for option")
                    ? name + " requires a value"
                    : name + " is required";
        }
        // a value picocli quotes back (--password-stdin=…) may be a secret: only option names stay
        return QUOTED.matcher(e.getMessage())
                .replaceAll(
                        m ->
                                m.group(1).startsWith("-")
                                        ? Matcher.quoteReplacement(m.group())
                                        : "'…'");
    }
}
