import {
  compileFilter,
  FilterSyntaxError,
  FilterUnsupportedError,
  parseFilter,
  type FilterFields,
} from "../../../emulator/model/graph/odataFilter";

interface Item {
  name: string;
  tags: string[];
  notes: string | null;
}

const fields: FilterFields<Item> = { displayName: (i) => i.name, tags: (i) => i.tags, notes: (i) => i.notes };
const items: Item[] = [
  { name: "O'Brien tools", tags: ["team:ops"], notes: null },
  { name: "web and api", tags: ["sc-hub", "team:web"], notes: "n" },
];

function names(filter: string): string[] {
  return items.filter(compileFilter(parseFilter(filter), fields)).map((i) => i.name);
}

describe("OData $filter subset", () => {
  it("reads a doubled quote inside a literal as one quote", () => {
    expect(names("displayName eq 'O''Brien tools'")).toEqual(["O'Brien tools"]);
  });

  it("does not split on 'and' inside a literal", () => {
    expect(names("displayName eq 'web and api'")).toEqual(["web and api"]);
  });

  it("binds and tighter than or", () => {
    expect(names("displayName eq 'nothing' and notes eq 'n' or tags/any(t:t eq 'team:ops')")).toEqual(["O'Brien tools"]);
  });

  it("compares with null and with ne", () => {
    expect(names("notes eq null")).toEqual(["O'Brien tools"]);
    expect(names("notes ne null")).toEqual(["web and api"]);
  });

  it("treats property names without regard to case", () => {
    expect(names("DISPLAYNAME eq 'web and api'")).toHaveLength(1);
  });

  it("reports unsupported operators, functions and properties", () => {
    expect(() => compileFilter(parseFilter("displayName gt 'a'"), fields)).toThrow(FilterUnsupportedError);
    expect(() => parseFilter("contains(displayName,'a')")).toThrow(FilterUnsupportedError);
    expect(() => compileFilter(parseFilter("owner eq 'a'"), fields)).toThrow(FilterUnsupportedError);
    expect(() => parseFilter("tags/all(t:t eq 'a')")).toThrow(FilterUnsupportedError);
  });

  it("reports syntax errors", () => {
    for (const bad of [
      "displayName eq",
      "(displayName eq 'a'",
      "displayName eq 'a' extra",
      "tags/any(t:u eq 'a')",
      "displayName eq 'open",
    ]) {
      expect(() => parseFilter(bad), bad).toThrow(FilterSyntaxError);
    }
  });
});
