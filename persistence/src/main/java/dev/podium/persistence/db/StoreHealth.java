package dev.podium.persistence.db;

/** Whether the object store's database answers, as a probe last found it. */
public interface StoreHealth {
    /** An embedded database is reachable as long as the JVM runs. */
    StoreHealth EMBEDDED = new StoreHealth() {
        public boolean reachable() {
            return true;
        }

        public String describe() {
            return "embedded";
        }

        public void onUnreachable(Runnable listener) {}
    };

    boolean reachable();

    /** One line for readiness reports and error messages. */
    String describe();

    /** Runs {@code listener} each time the database is found unreachable after being reachable. */
    void onUnreachable(Runnable listener);
}
