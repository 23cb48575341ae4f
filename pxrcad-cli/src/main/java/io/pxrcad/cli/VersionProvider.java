package io.pxrcad.cli;

import io.pxrcad.model.TorchEngine;
import picocli.CommandLine;

/** {@code pxrcad --version}: pxrcad, Java, DJL and PyTorch versions and the device in use. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        String runtime;
        try {
            runtime = TorchEngine.describe("auto");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            runtime = "PyTorch engine unavailable: " + e.getMessage();
        }
        return new String[] {
                "pxrcad " + (version == null ? "0.1.0-SNAPSHOT" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                runtime,
        };
    }
}
