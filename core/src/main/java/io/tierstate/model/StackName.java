package io.tierstate.model;

import io.tierstate.error.InvalidStackNameException;
import java.util.regex.Pattern;

/**
 * The rule for stack names, checked before any file path, object key or row is built from one:
 * a letter, then letters, digits and hyphens, at most {@value #MAX_LENGTH} characters.
 */
public final class StackName {

    /** The longest name accepted (CloudFormation's stack name limit). */
    public static final int MAX_LENGTH = 128;

    private static final Pattern PATTERN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9-]*$");

    private StackName() {}

    /**
     * Checks a stack name.
     *
     * @param name the name to check
     * @return the name, unchanged
     * @throws InvalidStackNameException naming the value and the rule
     */
    public static String validate(String name) {
        if (!isValid(name)) {
            throw new InvalidStackNameException(name, MAX_LENGTH);
        }
        return name;
    }

    /**
     * Tells whether a name follows the rule.
     *
     * @param name the name
     * @return whether it is a valid stack name
     */
    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && PATTERN.matcher(name).matches();
    }
}
