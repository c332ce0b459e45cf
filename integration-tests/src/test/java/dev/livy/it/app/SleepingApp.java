package dev.livy.it.app;

/**
 * A driver that only sleeps, for as many seconds as its one argument says: a batch that runs long enough to be
 * deleted while it runs.
 */
public final class SleepingApp {
    private SleepingApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("SleepingApp sleeps " + args[0] + " s");
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
