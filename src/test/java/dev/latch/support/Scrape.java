package dev.latch.support;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, read into its series: name and labels to value. */
public final class Scrape {

    private static final Pattern SERIES =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> series = new HashMap<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SERIES.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a series: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            series.put(key(m.group(1), labels), number(m.group(3)));
        }
    }

    public static Scrape of(String text) {
        return new Scrape(text);
    }

    /** The series with exactly these labels ({@code "kind", "operator", …}); it must be there. */
    public double value(String name, String... labels) {
        Double value = series.get(key(name, labels));
        if (value == null) {
            throw new AssertionError("no series " + key(name, labels) + " in " + series.keySet());
        }
        return value;
    }

    /** A counter's value: 0 while nothing has made it yet. */
    public double count(String name, String... labels) {
        return series.getOrDefault(key(name, labels), 0.0);
    }

    private static String key(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return key(name, sorted);
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
