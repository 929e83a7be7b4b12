package dev.latch.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shell completion generated from the command model: {@code source <(latch completion bash)}. */
@Command(name = "completion", description = "Print a bash or zsh completion script.")
final class CompletionCommand implements Callable<Integer> {

    private final Latch latch;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Spec CommandSpec spec;

    CompletionCommand(Latch latch) {
        this.latch = latch;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("latch", spec.root().commandLine());
        switch (shell) {
            case "bash" -> latch.write(script);
            // picocli's script runs in zsh through its bash-completion emulation
            case "zsh" ->
                    latch.write(
                            "autoload -U +X compinit && compinit\n"
                                    + "autoload -U +X bashcompinit && bashcompinit\n"
                                    + script);
            default -> throw new Usage("SHELL must be bash or zsh");
        }
        return 0;
    }
}
