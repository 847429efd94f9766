package io.tierstate.examples.cli;

import io.tierstate.DeploymentClient;

/** A client for one command, plus what must happen when the command ends (saving the simulated world). */
final class CliSession implements AutoCloseable {

    private final DeploymentClient client;
    private final Runnable onClose;

    CliSession(DeploymentClient client, Runnable onClose) {
        this.client = client;
        this.onClose = onClose;
    }

    DeploymentClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            onClose.run();
        } finally {
            client.close();
        }
    }
}
