package io.selection.audit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/**
 * The auditors' offline verifier: {@code verify} an edition's exported log (a file or the server's
 * stream), check a voter's {@code receipt}, write a synthetic {@code sample} log, or ask {@code what-if}
 * the rules had been others. It uses the audit code of selection-core only, never the server's.
 */
@Command(name = "selection-audit", mixinStandardHelpOptions = true, version = "selection-audit 0.1.0 (export format v1)",
        description = "Checks an edition's exported log and voters' receipts offline, trusting nothing the server says.",
        subcommands = {VerifyCommand.class, ReceiptCommand.class, SampleCommand.class, WhatIfCommand.class, ExplainCommand.class,
                KeygenCommand.class, ConsistencyCommand.class, WitnessCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check holds", "1:a check fails (the report says which)", "2:usage or I/O error"})
public final class AuditCli implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the tool's exit codes: 2 for usage errors (picocli's default) and for I/O errors. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AuditCli());
        cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: " + describe(e));
            cmd.getErr().flush();
            return ERROR;
        });
        return cl;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: verify, receipt, sample or what-if");
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.toString();
    }
}
