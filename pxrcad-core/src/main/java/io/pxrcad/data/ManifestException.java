package io.pxrcad.data;

import io.pxrcad.DataException;

import java.util.List;

/**
 * A manifest with problems. The message lists every problem found, one per line, each as
 * {@code file:line: what was expected and what was found}; a single problem is the whole
 * message (one line).
 */
public class ManifestException extends DataException {
    private final List<String> problems;

    public ManifestException(String summary, List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : summary + (problems.isEmpty() ? "" : "\n" + String.join("\n", problems)));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one {@code file:line: message} each. */
    public List<String> problems() { return problems; }
}
