// SPDX-License-Identifier: Apache-2.0

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns startup-bench.sh's raw rows (startup.tsv, burst.tsv in the given directory) into the
 * Markdown tables of BENCHMARKS.md (stdout, also tables.md) and the start-up plot startup.png
 * (java.awt, headless). Run with {@code java -Djava.awt.headless=true Report.java <dir> <burst size>}.
 */
public final class Report {
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("jvm17", "Edgehog, JDK 17");
        LABELS.put("jvm17-urlconn", "Edgehog, JDK 17, URL_CONNECTION");
        LABELS.put("jvm17-appcds", "Edgehog, JDK 17 AppCDS");
        LABELS.put("jvm25-aot", "Edgehog, JDK 25 AOT cache");
        LABELS.put("native", "Edgehog, native image");
        LABELS.put("node", "posthog-node");
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = Path.of(args[0]);
        long burst = Long.parseLong(args[1]);
        Map<String, List<double[]>> startup = read(dir.resolve("startup.tsv"));
        Map<String, List<double[]>> bursts = read(dir.resolve("burst.tsv"));
        StringBuilder md = new StringBuilder();
        for (String line : Files.readAllLines(dir.resolve("machine.txt"))) {
            md.append(line.replaceFirst("^# ", "")).append("  \n");
        }
        double nodeFirst = median(column(startup.get("node"), 0)) / 1000.0;
        md.append("\n| start-up: process start to first event at the sink | median ms | min-max ms | vs posthog-node"
                + " | process exit, median ms | peak RSS, median MB |\n|---|---:|---:|---:|---:|---:|\n");
        List<String> names = new ArrayList<>();
        List<double[]> bars = new ArrayList<>();
        for (String config : LABELS.keySet()) {
            List<double[]> rows = startup.get(config);
            if (rows == null) {
                continue;
            }
            double[] first = column(rows, 0);
            double med = median(first) / 1000.0;
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f-%.0f | %.2f× | %.0f | %.0f |%n", LABELS.get(config),
                    med, min(first) / 1000.0, max(first) / 1000.0, med / nodeFirst,
                    median(column(rows, 3)), median(column(rows, 5)) / 1024.0));
            names.add(LABELS.get(config));
            bars.add(new double[] {med, min(first) / 1000.0, max(first) / 1000.0});
        }
        md.append(String.format(Locale.ROOT, "%n| burst: %,d captures, flushed | delivered (median) | events/s, whole"
                + " process | CPU ms per 1,000 events | wire bytes per event | peak RSS MB |%n|---|---:|---:|---:|---:|---:|%n",
                burst));
        for (String config : LABELS.keySet()) {
            List<double[]> rows = bursts.get(config);
            if (rows == null) {
                continue;
            }
            double delivered = median(column(rows, 1));
            double wall = median(column(rows, 3)) / 1000.0;
            double cpu = median(column(rows, 4));
            double bytes = median(column(rows, 2));
            String note = config.equals("node") && delivered < burst
                    ? String.format(Locale.ROOT, " (drops the rest: default maxQueueSize)") : "";
            md.append(String.format(Locale.ROOT, "| %s | %,.0f of %,d%s | %,.0f | %.2f | %.1f | %.0f |%n",
                    LABELS.get(config), delivered, burst, note, delivered / wall, cpu * 1_000_000.0 / delivered,
                    bytes / delivered, median(column(rows, 5)) / 1024.0));
        }
        Files.writeString(dir.resolve("tables.md"), md);
        System.out.print(md);
        plot(names, bars, startup.values().iterator().next().size(), dir.resolve("startup.png"));
    }

    private static void plot(List<String> names, List<double[]> bars, int runs, Path png) throws IOException {
        int rowH = 46;
        int left = 230;
        int width = 900;
        int height = 70 + rowH * names.size() + 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Process start to first event received, ms (bar: median of " + runs + " runs; whisker: min-max)", 20, 30);
        double top = bars.stream().mapToDouble(b -> b[2]).max().orElse(1) * 1.1;
        double scale = (width - left - 90) / top;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int i = 0; i < names.size(); i++) {
            int y = 60 + i * rowH;
            double[] b = bars.get(i);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), 20, y + 22);
            g.setColor(names.get(i).startsWith("posthog-node") ? new Color(0xE8, 0x8B, 0x2E) : new Color(0x2E, 0x6F, 0xB8));
            g.fillRect(left, y + 6, (int) Math.max(1, b[0] * scale), 24);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(2));
            int y0 = y + 18;
            g.drawLine(left + (int) (b[1] * scale), y0, left + (int) (b[2] * scale), y0);
            g.drawLine(left + (int) (b[1] * scale), y0 - 6, left + (int) (b[1] * scale), y0 + 6);
            g.drawLine(left + (int) (b[2] * scale), y0 - 6, left + (int) (b[2] * scale), y0 + 6);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", b[0]), left + (int) (b[2] * scale) + 8, y + 23);
        }
        g.setColor(Color.GRAY);
        g.drawLine(left, 55, left, 60 + rowH * names.size());
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static Map<String, List<double[]>> read(Path tsv) throws IOException {
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            double[] values = Arrays.stream(f, 2, f.length).mapToDouble(Double::parseDouble).toArray();
            rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(values);
        }
        return rows;
    }

    private static double[] column(List<double[]> rows, int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
