package io.tierstate.cost;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads and writes the price catalog file format. Not API. */
final class CatalogJson {

    static final int FORMAT_VERSION = 1;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // keep "0.30" as 0.30: the scale a user wrote survives a round trip
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final Set<String> ROOT = Set.of("schema_version", "as_of", "currency", "region", "sources",
            "hours_per_month", "ec2", "alb", "efs", "cloudfront", "regions");
    private static final Set<String> REGION = Set.of("as_of", "sources", "ec2", "alb", "efs");
    private static final Set<String> REGION_EC2 = Set.of("instances", "data_transfer_out");
    private static final Set<String> EC2 = Set.of("instances", "data_transfer_out", "free_data_transfer_out_gb");
    private static final Set<String> ALB = Set.of("hourly", "lcu_hourly");
    private static final Set<String> EFS = Set.of("standard_storage");
    private static final Set<String> CLOUDFRONT = Set.of("data_transfer_out", "https_requests", "http_requests",
            "origin_transfer", "invalidation_paths", "free_invalidation_paths", "sni_certificate", "free_tier");
    private static final Set<String> FREE_TIER = Set.of("data_transfer_out_gb", "requests");
    private static final Set<String> TIERED = Set.of("unit", "tiers");
    private static final Set<String> BAND = Set.of("up_to_gb", "price");
    private static final Set<String> PRICE = Set.of("price", "unit");

    private CatalogJson() {
    }

    // ------------------------------------------------------------------------------------ read

    static PriceCatalog read(String json, String source, PriceCatalog base) {
        Reader reader = new Reader(source, base);
        JsonNode root = reader.tree(json);
        try {
            return reader.catalog(root);
        } catch (InvalidPriceCatalogException e) {
            // the catalog's own check reports "(built in code)"; name the file instead
            throw e.source().equals(source) ? e : e.withSource(source);
        }
    }

    /** One read of one document; a base catalog makes every field optional. */
    private static final class Reader {
        private final String source;
        private final PriceCatalog base;

        Reader(String source, PriceCatalog base) {
            this.source = source;
            this.base = base;
        }

        JsonNode tree(String json) {
            try {
                JsonNode root = MAPPER.readTree(json);
                if (root == null || root.isMissingNode()) {
                    throw fail("", "the document is empty; write a JSON object such as {\"as_of\": \"2026-11-01\", ...}");
                }
                return root;
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                throw new InvalidPriceCatalogException(source, "", "not valid JSON" + where + " ("
                        + e.getOriginalMessage() + "); fix the syntax, or start from PriceCatalog.defaults().toJson()", e);
            }
        }

        PriceCatalog catalog(JsonNode root) {
            object(root, "", ROOT);
            ImmutablePriceCatalog.Builder b = base == null ? PriceCatalog.builder() : PriceCatalog.builder().from(base);
            field(root, "schema_version", "", n -> {
                if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() != FORMAT_VERSION) {
                    throw fail("/schema_version", "catalog format " + n + " is not supported; this library reads "
                            + "format " + FORMAT_VERSION + " (or leave schema_version out)");
                }
            }, false);
            field(root, "as_of", "", n -> b.asOf(date(n, "/as_of")), true);
            field(root, "currency", "", n -> b.currency(text(n, "/currency")), true);
            field(root, "region", "", n -> b.region(text(n, "/region")), true);
            field(root, "sources", "", n -> b.sources(texts(n, "/sources")), false);
            field(root, "hours_per_month", "", n -> b.hoursPerMonth(number(n, "/hours_per_month")), true);

            section(root, "ec2", EC2, ec2 -> {
                field(ec2, "instances", "/ec2", n -> b.instancePrices(instances(n, "/ec2/instances",
                        base == null ? Map.of() : base.instancePrices())), true);
                field(ec2, "data_transfer_out", "/ec2", n -> b.ec2DataTransferOut(tiered(n, "/ec2/data_transfer_out")), true);
                field(ec2, "free_data_transfer_out_gb", "/ec2",
                        n -> b.ec2FreeDataTransferOutGb(number(n, "/ec2/free_data_transfer_out_gb")), true);
            });
            section(root, "alb", ALB, alb -> {
                field(alb, "hourly", "/alb", n -> b.albHourly(price(n, "/alb/hourly", Units.ALB_HOUR)), true);
                field(alb, "lcu_hourly", "/alb", n -> b.albLcuHourly(price(n, "/alb/lcu_hourly", Units.LCU_HOUR)), true);
            });
            section(root, "efs", EFS, efs -> field(efs, "standard_storage", "/efs",
                    n -> b.efsStandardStorage(price(n, "/efs/standard_storage", Units.GB_MONTH)), true));
            section(root, "cloudfront", CLOUDFRONT, cf -> {
                String at = "/cloudfront";
                field(cf, "data_transfer_out", at,
                        n -> b.cloudFrontDataTransferOut(tiered(n, at + "/data_transfer_out")), true);
                field(cf, "https_requests", at, n -> b.cloudFrontHttpsRequests(
                        price(n, at + "/https_requests", Units.TEN_THOUSAND_REQUESTS)), true);
                field(cf, "http_requests", at, n -> b.cloudFrontHttpRequests(
                        price(n, at + "/http_requests", Units.TEN_THOUSAND_REQUESTS)), true);
                field(cf, "origin_transfer", at,
                        n -> b.cloudFrontOriginTransfer(price(n, at + "/origin_transfer", Units.GB)), true);
                field(cf, "invalidation_paths", at,
                        n -> b.cloudFrontInvalidationPaths(price(n, at + "/invalidation_paths", Units.PATH)), true);
                field(cf, "free_invalidation_paths", at,
                        n -> b.cloudFrontFreeInvalidationPaths(count(n, at + "/free_invalidation_paths")), true);
                field(cf, "sni_certificate", at, n -> b.cloudFrontSniCertificate(
                        price(n, at + "/sni_certificate", Units.CERTIFICATE_MONTH)), true);
                section(cf, "free_tier", at, FREE_TIER, free -> {
                    field(free, "data_transfer_out_gb", at + "/free_tier", n -> b.cloudFrontFreeDataTransferOutGb(
                            number(n, at + "/free_tier/data_transfer_out_gb")), true);
                    field(free, "requests", at + "/free_tier",
                            n -> b.cloudFrontFreeRequests(count(n, at + "/free_tier/requests")), true);
                });
            });
            JsonNode regions = root.get("regions");
            if (regions != null) {
                b.regions(regions(regions));
            }
            return b.build();
        }

        private Map<String, RegionPrices> regions(JsonNode n) {
            if (!n.isObject()) {
                throw fail("/regions", "expected an object of region code to its prices, e.g. {\"eu-west-1\": {\"as_of\":"
                        + " \"2026-11-01\", \"ec2\": {\"instances\": {\"g4dn.xlarge\": \"0.587\"}}}}, but found " + describe(n));
            }
            Map<String, RegionPrices> out = new LinkedHashMap<>(base == null ? Map.of() : base.regions());
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (isComment(e.getKey())) {
                    continue;
                }
                String code = e.getKey().trim();
                out.put(code, region(code, e.getValue(), out.get(code)));
            }
            return out;
        }

        /** One region's block, layered over the base's block of that region when there is one. */
        private RegionPrices region(String code, JsonNode n, RegionPrices over) {
            String at = "/regions/" + CatalogRules.escape(code);
            object(n, at, REGION);
            ImmutableRegionPrices.Builder r = over == null ? ImmutableRegionPrices.builder() : over.copy();
            JsonNode asOf = n.get("as_of");
            if (asOf != null) {
                r.asOf(date(asOf, at + "/as_of"));
            } else if (over == null) {
                throw fail(at + "/as_of", "required field \"as_of\" is missing; a region's prices need the date they"
                        + " were taken, e.g. \"as_of\": \"2026-11-01\"");
            }
            JsonNode sources = n.get("sources");
            if (sources != null) {
                r.sources(texts(sources, at + "/sources"));
            }
            JsonNode ec2 = n.get("ec2");
            if (ec2 != null) {
                object(ec2, at + "/ec2", REGION_EC2);
                JsonNode instances = ec2.get("instances");
                if (instances != null) {
                    Map<String, BigDecimal> prices = new LinkedHashMap<>(over == null ? Map.of() : over.instancePrices());
                    prices.putAll(instances(instances, at + "/ec2/instances", Map.of()));
                    r.instancePrices(prices);
                }
                JsonNode transfer = ec2.get("data_transfer_out");
                if (transfer != null) {
                    r.ec2DataTransferOut(tiered(transfer, at + "/ec2/data_transfer_out"));
                }
            }
            JsonNode alb = n.get("alb");
            if (alb != null) {
                object(alb, at + "/alb", ALB);
                if (alb.get("hourly") != null) {
                    r.albHourly(price(alb.get("hourly"), at + "/alb/hourly", Units.ALB_HOUR).amount());
                }
                if (alb.get("lcu_hourly") != null) {
                    r.albLcuHourly(price(alb.get("lcu_hourly"), at + "/alb/lcu_hourly", Units.LCU_HOUR).amount());
                }
            }
            JsonNode efs = n.get("efs");
            if (efs != null) {
                object(efs, at + "/efs", EFS);
                if (efs.get("standard_storage") != null) {
                    r.efsStandardStorage(price(efs.get("standard_storage"), at + "/efs/standard_storage",
                            Units.GB_MONTH).amount());
                }
            }
            return r.build();
        }

        private void section(JsonNode parent, String key, Set<String> keys, Consumer<JsonNode> body) {
            section(parent, key, "", keys, body);
        }

        private void section(JsonNode parent, String key, String at, Set<String> keys, Consumer<JsonNode> body) {
            field(parent, key, at, n -> {
                object(n, at + "/" + key, keys);
                body.accept(n);
            }, true);
        }

        /** Runs {@code body} on the field when present; a required field may be absent only over a base. */
        private void field(JsonNode parent, String key, String at, Consumer<JsonNode> body, boolean required) {
            JsonNode n = parent.get(key);
            if (n != null) {
                body.accept(n);
            } else if (required && base == null) {
                throw fail(at + "/" + key, "required field \"" + key + "\" is missing; add it (see "
                        + "PriceCatalog.defaults().toJson() for every field), or layer a partial file over the "
                        + "defaults with PriceCatalog.defaults().overriddenBy(path)");
            }
        }

        private void object(JsonNode n, String pointer, Set<String> known) {
            if (!n.isObject()) {
                throw fail(pointer, "expected a JSON object but found " + describe(n));
            }
            Iterator<String> names = n.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name) && !isComment(name)) {
                    throw fail(pointer + "/" + CatalogRules.escape(name), "unknown field \"" + name
                            + "\"; the fields here are " + String.join(", ", known.stream().sorted().toList())
                            + " (names starting with _ are comments)");
                }
            }
        }

        private Map<String, BigDecimal> instances(JsonNode n, String pointer, Map<String, BigDecimal> over) {
            if (!n.isObject()) {
                throw fail(pointer, "expected an object of instance type to price per hour, e.g."
                        + " {\"g5.xlarge\": \"1.006\"}, but found " + describe(n));
            }
            Map<String, BigDecimal> prices = new LinkedHashMap<>(over);
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (isComment(e.getKey())) {
                    continue;
                }
                String type = e.getKey().trim().toLowerCase(Locale.ROOT);
                prices.put(type, price(e.getValue(), pointer + "/" + CatalogRules.escape(e.getKey()),
                        Units.INSTANCE_HOUR).amount());
            }
            return prices;
        }

        private TieredRate tiered(JsonNode n, String pointer) {
            if (!n.isObject()) {
                throw fail(pointer, "expected an object {\"unit\": \"GB\", \"tiers\": [...]} but found " + describe(n));
            }
            object(n, pointer, TIERED);
            unit(n.get("unit"), pointer, Units.GB);
            JsonNode tiers = n.get("tiers");
            if (tiers == null || !tiers.isArray()) {
                throw fail(pointer + "/tiers", "expected an array of tiers [{\"up_to_gb\": 10240, \"price\": \"0.085\"},"
                        + " ..., {\"price\": \"0.020\"}] but found " + describe(tiers));
            }
            List<RateBand> bands = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                String at = pointer + "/tiers/" + i;
                JsonNode t = tiers.get(i);
                object(t, at, BAND);
                JsonNode price = t.get("price");
                if (price == null) {
                    throw fail(at + "/price", "required field \"price\" is missing; add the price per GB, e.g. \"0.085\"");
                }
                BigDecimal perGb = number(price, at + "/price");
                JsonNode upTo = t.get("up_to_gb");
                bands.add(upTo == null ? RateBand.over(perGb) : RateBand.upTo(number(upTo, at + "/up_to_gb"), perGb));
            }
            return TieredRate.of(bands);
        }

        private Price price(JsonNode n, String pointer, String unit) {
            if (n.isObject()) {
                object(n, pointer, PRICE);
                JsonNode amount = n.get("price");
                if (amount == null) {
                    throw fail(pointer + "/price", "required field \"price\" is missing; write e.g. {\"price\": \"0.0225\","
                            + " \"unit\": \"" + unit + "\"} or just \"0.0225\"");
                }
                unit(n.get("unit"), pointer, unit);
                return Price.of(number(amount, pointer + "/price"), unit);
            }
            return Price.of(number(n, pointer), unit);
        }

        private void unit(JsonNode n, String pointer, String expected) {
            if (n != null && !expected.equals(n.asText())) {
                throw fail(pointer + "/unit", "unit " + n + " is not the unit of this price; write \"" + expected
                        + "\" (prices are not converted between units)");
            }
        }

        private BigDecimal number(JsonNode n, String pointer) {
            if (n.isNumber()) {
                return plain(bounded(n.decimalValue(), pointer));
            }
            if (n.isTextual()) {
                try {
                    return plain(bounded(new BigDecimal(n.textValue().trim()), pointer));
                } catch (NumberFormatException e) {
                    throw fail(pointer, "\"" + n.textValue() + "\" is not a number; write a decimal such as \"0.085\"");
                }
            }
            throw fail(pointer, "expected a number (or a decimal string such as \"0.085\") but found " + describe(n));
        }

        private BigDecimal bounded(BigDecimal value, String pointer) {
            String wrong = CatalogRules.outOfRange(value);
            if (wrong != null) {
                throw fail(pointer, wrong + "; write a plain decimal such as \"0.085\"");
            }
            return value;
        }

        private long count(JsonNode n, String pointer) {
            BigDecimal value = number(n, pointer);
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw fail(pointer, value.toPlainString() + " is not a whole number; write an integer such as 1000");
            }
        }

        private String text(JsonNode n, String pointer) {
            if (!n.isTextual() || n.textValue().isBlank()) {
                throw fail(pointer, "expected a non-empty string but found " + describe(n));
            }
            return n.textValue().trim();
        }

        private List<String> texts(JsonNode n, String pointer) {
            if (!n.isArray()) {
                throw fail(pointer, "expected an array of strings but found " + describe(n));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(text(n.get(i), pointer + "/" + i));
            }
            return out;
        }

        private LocalDate date(JsonNode n, String pointer) {
            String value = text(n, pointer);
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw fail(pointer, "\"" + value + "\" is not a date; write it as YYYY-MM-DD, e.g. \"2026-11-01\"");
            }
        }

        private InvalidPriceCatalogException fail(String pointer, String problem) {
            return new InvalidPriceCatalogException(source, pointer, problem);
        }
    }

    private static boolean isComment(String name) {
        return name.startsWith("_") || name.startsWith("$");
    }

    /** A number without a negative scale, so that writing it back gives an equal value. */
    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static String describe(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        String kind = switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        String shown = n.toString();
        return kind + (n.isContainerNode() || shown.length() > 40 ? "" : " (" + shown + ")");
    }

    // ------------------------------------------------------------------------------------ write

    static String write(PriceCatalog c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", FORMAT_VERSION);
        root.put("as_of", c.asOf().toString());
        root.put("currency", c.currency());
        root.put("region", c.region());
        ArrayNode sources = root.putArray("sources");
        c.sources().forEach(sources::add);
        root.put("hours_per_month", c.hoursPerMonth());

        ObjectNode ec2 = root.putObject("ec2");
        ObjectNode instances = ec2.putObject("instances");
        c.instancePrices().forEach((type, amount) -> price(instances.putObject(type), Price.of(amount, Units.INSTANCE_HOUR)));
        tiered(ec2.putObject("data_transfer_out"), c.ec2DataTransferOut());
        ec2.put("free_data_transfer_out_gb", c.ec2FreeDataTransferOutGb());

        ObjectNode alb = root.putObject("alb");
        price(alb.putObject("hourly"), c.albHourly());
        price(alb.putObject("lcu_hourly"), c.albLcuHourly());
        price(root.putObject("efs").putObject("standard_storage"), c.efsStandardStorage());

        ObjectNode cf = root.putObject("cloudfront");
        tiered(cf.putObject("data_transfer_out"), c.cloudFrontDataTransferOut());
        price(cf.putObject("https_requests"), c.cloudFrontHttpsRequests());
        price(cf.putObject("http_requests"), c.cloudFrontHttpRequests());
        price(cf.putObject("origin_transfer"), c.cloudFrontOriginTransfer());
        price(cf.putObject("invalidation_paths"), c.cloudFrontInvalidationPaths());
        cf.put("free_invalidation_paths", c.cloudFrontFreeInvalidationPaths());
        price(cf.putObject("sni_certificate"), c.cloudFrontSniCertificate());
        ObjectNode free = cf.putObject("free_tier");
        free.put("data_transfer_out_gb", c.cloudFrontFreeDataTransferOutGb());
        free.put("requests", c.cloudFrontFreeRequests());
        if (!c.regions().isEmpty()) {
            ObjectNode regions = root.putObject("regions");
            c.regions().forEach((code, r) -> region(regions.putObject(code), r));
        }
        return pretty(root);
    }

    private static void region(ObjectNode node, RegionPrices r) {
        node.put("as_of", r.asOf().toString());
        ArrayNode sources = node.putArray("sources");
        r.sources().forEach(sources::add);
        if (!r.instancePrices().isEmpty() || r.ec2DataTransferOut().isPresent()) {
            ObjectNode ec2 = node.putObject("ec2");
            if (!r.instancePrices().isEmpty()) {
                ObjectNode instances = ec2.putObject("instances");
                r.instancePrices().forEach((type, amount) -> price(instances.putObject(type),
                        Price.of(amount, Units.INSTANCE_HOUR)));
            }
            r.ec2DataTransferOut().ifPresent(rate -> tiered(ec2.putObject("data_transfer_out"), rate));
        }
        if (r.albHourly().isPresent() || r.albLcuHourly().isPresent()) {
            ObjectNode alb = node.putObject("alb");
            r.albHourly().ifPresent(a -> price(alb.putObject("hourly"), Price.of(a, Units.ALB_HOUR)));
            r.albLcuHourly().ifPresent(a -> price(alb.putObject("lcu_hourly"), Price.of(a, Units.LCU_HOUR)));
        }
        r.efsStandardStorage().ifPresent(a -> price(node.putObject("efs").putObject("standard_storage"),
                Price.of(a, Units.GB_MONTH)));
    }

    private static void price(ObjectNode node, Price price) {
        node.put("price", price.amount().toPlainString());
        node.put("unit", price.unit());
    }

    private static void tiered(ObjectNode node, TieredRate rate) {
        node.put("unit", Units.GB);
        ArrayNode tiers = node.putArray("tiers");
        for (RateBand band : rate.bands()) {
            ObjectNode t = tiers.addObject();
            band.upToGb().ifPresent(upTo -> t.put("up_to_gb", upTo));
            t.put("price", band.pricePerGb().toPlainString());
        }
    }

    /** Two-space indent, {@code "key": value}, one array element per line. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""));

    static {
        PRINTER.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        PRINTER.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
    }

    static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
