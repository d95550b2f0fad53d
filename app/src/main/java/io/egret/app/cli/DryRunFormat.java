package io.egret.app.cli;

/** {@code --dry-run-format}: Heron's names; colored_table prints the table without colour codes. */
public enum DryRunFormat {
    RAW,
    TABLE,
    COLORED_TABLE,
    JSON
}
