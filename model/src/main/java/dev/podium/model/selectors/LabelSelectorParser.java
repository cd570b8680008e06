package dev.podium.model.selectors;

import dev.podium.model.selectors.Requirement.Operator;
import dev.podium.model.validation.NameValidation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The lexer and recursive-descent parser of k8s.io/apimachinery/pkg/labels, kept token for token
 * so its error messages match. Errors are thrown as IllegalArgumentException carrying kube's text.
 */
final class LabelSelectorParser {
    private enum Tok { ERROR, END, CLOSE_PAR, COMMA, NOT, DOUBLE_EQUALS, EQUALS, GT, IDENT, IN, LT, NOT_EQUALS, NOT_IN, OPEN_PAR }

    private record Item(Tok tok, String lit) {}

    private static final Map<String, Tok> KEYWORDS = Map.ofEntries(
            Map.entry(")", Tok.CLOSE_PAR), Map.entry(",", Tok.COMMA), Map.entry("!", Tok.NOT),
            Map.entry("==", Tok.DOUBLE_EQUALS), Map.entry("=", Tok.EQUALS), Map.entry(">", Tok.GT),
            Map.entry("in", Tok.IN), Map.entry("<", Tok.LT), Map.entry("!=", Tok.NOT_EQUALS),
            Map.entry("notin", Tok.NOT_IN), Map.entry("(", Tok.OPEN_PAR));
    private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

    private final String s;
    private int pos;
    private final List<Item> items = new ArrayList<>();
    private int position;

    private LabelSelectorParser(String s) {
        this.s = s;
    }

    static List<Requirement> parse(String selector) {
        LabelSelectorParser p = new LabelSelectorParser(selector);
        p.scan();
        List<Requirement> reqs = p.parseSelector();
        reqs.sort(Comparator.comparing(Requirement::key));
        return reqs;
    }

    // ---- lexer

    private void scan() {
        while (true) {
            Item it = lex();
            items.add(it);
            if (it.tok == Tok.END) break;
        }
    }

    private char read() {
        return pos < s.length() ? s.charAt(pos++) : 0;
    }

    private Item lex() {
        char ch = read();
        while (isWhitespace(ch)) ch = read();
        if (ch == 0) return new Item(Tok.END, "");
        pos--;
        return isSpecial(ch) ? scanSpecial() : scanIdOrKeyword();
    }

    private Item scanIdOrKeyword() {
        StringBuilder b = new StringBuilder();
        while (true) {
            char ch = read();
            if (ch == 0) break;
            if (isSpecial(ch) || isWhitespace(ch)) {
                pos--;
                break;
            }
            b.append(ch);
        }
        String lit = b.toString();
        Tok t = KEYWORDS.get(lit);
        return new Item(t != null ? t : Tok.IDENT, lit);
    }

    private Item scanSpecial() {
        Item last = null;
        StringBuilder b = new StringBuilder();
        while (true) {
            char ch = read();
            if (ch == 0) break;
            if (isSpecial(ch)) {
                b.append(ch);
                Tok t = KEYWORDS.get(b.toString());
                if (t != null) {
                    last = new Item(t, b.toString());
                } else if (last != null) {
                    pos--;
                    break;
                }
            } else {
                pos--;
                break;
            }
        }
        if (last == null) return new Item(Tok.ERROR, "error expected: keyword found '" + b + "'");
        return last;
    }

    private static boolean isWhitespace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    private static boolean isSpecial(char ch) {
        return ch == '=' || ch == '!' || ch == '(' || ch == ')' || ch == ',' || ch == '>' || ch == '<';
    }

    // ---- parser; "values" context reads the keywords in/notin as identifiers

    private Item lookahead(boolean values) {
        return contextual(items.get(position), values);
    }

    private Item consume(boolean values) {
        return contextual(items.get(position++), values);
    }

    private static Item contextual(Item it, boolean values) {
        if (values && (it.tok == Tok.IN || it.tok == Tok.NOT_IN)) return new Item(Tok.IDENT, it.lit);
        return it;
    }

    private List<Requirement> parseSelector() {
        List<Requirement> reqs = new ArrayList<>();
        while (true) {
            Item it = lookahead(true);
            switch (it.tok) {
                case IDENT, NOT -> {
                    try {
                        reqs.add(parseRequirement());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage());
                    }
                    Item t = consume(true);
                    switch (t.tok) {
                        case END -> {
                            return reqs;
                        }
                        case COMMA -> {
                            Item t2 = lookahead(true);
                            if (t2.tok != Tok.IDENT && t2.tok != Tok.NOT) {
                                throw new IllegalArgumentException("found '" + t2.lit + "', expected: identifier after ','");
                            }
                        }
                        default -> throw new IllegalArgumentException("found '" + t.lit + "', expected: ',' or 'end of string'");
                    }
                }
                case END -> {
                    return reqs;
                }
                default -> throw new IllegalArgumentException("found '" + it.lit + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirement() {
        Operator op = null;
        Item it = consume(true);
        if (it.tok == Tok.NOT) {
            op = Operator.DOES_NOT_EXIST;
            it = consume(true);
        }
        if (it.tok != Tok.IDENT) throw new IllegalArgumentException("found '" + it.lit + "', expected: identifier");
        String key = it.lit;
        List<String> keyErrs = NameValidation.labelKey(key);
        if (!keyErrs.isEmpty()) {
            // kube validates with a nil field path here, which prints as <nil>.
            throw new IllegalArgumentException("<nil>: Invalid value: \"" + key + "\": " + String.join("; ", keyErrs));
        }
        // "!a" is complete whatever follows; "!a=b" then fails on the '=' as kube's parser does.
        if (op == Operator.DOES_NOT_EXIST) return Requirement.of(key, op, List.of());
        Tok next = lookahead(true).tok;
        if (next == Tok.END || next == Tok.COMMA) return Requirement.of(key, Operator.EXISTS, List.of());
        op = parseOperator();
        List<String> values = switch (op) {
            case IN, NOT_IN -> parseValues();
            default -> parseExactValue();
        };
        return Requirement.of(key, op, values);
    }

    private Operator parseOperator() {
        Item it = consume(false);
        return switch (it.tok) {
            case IN -> Operator.IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case GT -> Operator.GREATER_THAN;
            case LT -> Operator.LESS_THAN;
            case NOT_IN -> Operator.NOT_IN;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            default -> throw new IllegalArgumentException("found '" + it.lit + "', expected: " + BINARY_OPERATORS);
        };
    }

    private List<String> parseValues() {
        Item it = consume(true);
        if (it.tok != Tok.OPEN_PAR) throw new IllegalArgumentException("found '" + it.lit + "' expected: '('");
        Item la = lookahead(true);
        switch (la.tok) {
            case IDENT, COMMA -> {
                TreeSet<String> set = parseIdentifiersList();
                if (consume(true).tok != Tok.CLOSE_PAR) throw new IllegalArgumentException("found '" + la.lit + "', expected: ')'");
                return new ArrayList<>(set);
            }
            case CLOSE_PAR -> {
                consume(true);
                return List.of("");
            }
            default -> throw new IllegalArgumentException("found '" + la.lit + "', expected: ',', ')' or identifier");
        }
    }

    private TreeSet<String> parseIdentifiersList() {
        TreeSet<String> set = new TreeSet<>();
        while (true) {
            Item it = consume(true);
            switch (it.tok) {
                case IDENT -> {
                    set.add(it.lit);
                    Item la = lookahead(true);
                    if (la.tok == Tok.CLOSE_PAR) return set;
                    if (la.tok != Tok.COMMA) throw new IllegalArgumentException("found '" + la.lit + "', expected: ',' or ')'");
                }
                case COMMA -> {
                    if (set.isEmpty()) set.add("");
                    Item la = lookahead(true);
                    if (la.tok == Tok.CLOSE_PAR) {
                        set.add("");
                        return set;
                    }
                    if (la.tok == Tok.COMMA) {
                        consume(true);
                        set.add("");
                    }
                }
                default -> throw new IllegalArgumentException("found '" + it.lit + "', expected: ',', or identifier");
            }
        }
    }

    private List<String> parseExactValue() {
        Item la = lookahead(true);
        if (la.tok == Tok.END || la.tok == Tok.COMMA) return List.of("");
        Item it = consume(true);
        if (it.tok == Tok.IDENT) return List.of(it.lit);
        throw new IllegalArgumentException("found '" + it.lit + "', expected: identifier");
    }
}
