package vn.hoso.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.hoso.config.UserError;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The {@code hoso} command. Only {@link #main} calls System.exit. */
@Command(name = "hoso", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Batch analytics for Vietnam's online public services (dịch vụ công trực tuyến).",
        subcommands = {IngestCommand.class, CheckCommand.class, MartsCommand.class, PublishCommand.class, RunCommand.class,
                QueryCommand.class, PriorityCommand.class, ScorecardCommand.class, Index766Command.class, ReportCommand.class,
                UnlockCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_USER_ERROR = 2;
    public static final int EXIT_FAILURE = 1;
    /** The data-quality gate stopped the run: nothing was published. */
    public static final int EXIT_QUALITY = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, also what tests execute, with {@code extraSubcommands} (picocli command
     * objects) after the product's own: how the tools module adds generate, demo and bench to the launcher's
     * {@code hoso} without the product knowing them.
     */
    public static CommandLine commandLine(Object... extraSubcommands) {
        CommandLine cl = new CommandLine(new Main());
        for (Object command : extraSubcommands) {
            cl.addSubcommand(command);
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        // after every subcommand is added: picocli gives converters only to the subcommands present
        cl.registerConverter(LocalDate.class, Main::date);
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date of the form YYYY-MM-DD");
        }
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable quality = cause(e, vn.hoso.quality.QualityFailure.class);
        if (quality != null) {
            err.println("hoso: " + quality.getMessage());
            err.flush();
            return EXIT_QUALITY;
        }
        Throwable userError = cause(e, UserError.class);
        Throwable badArgument = cause(e, IllegalArgumentException.class);
        if (userError != null || badArgument != null) {
            err.println("hoso: " + (userError != null ? userError : badArgument).getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("hoso: failed: " + oneLine(e));
        if (System.getenv("HOSO_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("hoso: set HOSO_DEBUG=1 for the stack trace");
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
        if (root != e && root.getMessage() != null) {
            msg += " (cause: " + root.getMessage().split("\n")[0] + ")";
        }
        return msg;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"hoso " + (v == null ? "development build" : v)};
        }
    }
}
