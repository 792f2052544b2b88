package vn.hoso.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.hoso.config.Settings;
import vn.hoso.config.UserError;
import vn.hoso.io.WarehouseLock;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hoso unlock}: frees the warehouse lock a run left on another host (one on this host is taken over by itself). */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Show who holds the warehouse lock; with " + WarehouseLock.UNLOCK_FLAG + ", free it (only once that run is known to be dead).")
public class UnlockCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = WarehouseLock.UNLOCK_FLAG, description = "Really free the lock. A run still alive on this host is never unlocked.")
    boolean sure;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        Optional<WarehouseLock.Holder> holder = WarehouseLock.holder(settings.warehouse(), settings.sparkConf());
        if (holder.isEmpty()) {
            spec.commandLine().getOut().println("warehouse " + settings.warehouse() + " is not locked");
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (!sure) {
            throw new UserError("warehouse " + settings.warehouse() + " is locked by " + holder.get().describe()
                    + "; once you know that run is dead, free it with `hoso unlock --warehouse " + settings.warehouse()
                    + " " + WarehouseLock.UNLOCK_FLAG + "`");
        }
        Optional<WarehouseLock.Holder> freed = WarehouseLock.forceUnlock(settings.warehouse(), settings.sparkConf());
        spec.commandLine().getOut().println(freed.map(h -> "freed the lock of " + h.describe())
                .orElse("warehouse " + settings.warehouse() + " is not locked"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
