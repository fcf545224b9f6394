package dev.kiln.server.cli;

import picocli.CommandLine;

/** Version from the jar manifest (or "dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = KilnCommand.class.getPackage().getImplementationVersion();
        return new String[] {"kiln " + (v == null ? "dev" : v)};
    }
}
