package vn.hoso.tools;

import picocli.CommandLine;
import vn.hoso.cli.Main;

/**
 * The launcher's {@code hoso}: the product's command line ({@link Main}) with the tools' subcommands added.
 * hoso-cluster.jar has only the product, so its {@code vn.hoso.cli.Main} knows no generate, demo or bench.
 */
public final class Tools {
    private Tools() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The product's command line plus generate, demo and bench; also what the tools' tests execute. */
    public static CommandLine commandLine() {
        return Main.commandLine(new GenerateCommand(), new DemoCommand(), new BenchCommand());
    }
}
