import { render, screen } from "@testing-library/react";
import { Table, SimpleTableCell, type ITableColumn } from "azure-devops-ui/Table";
import { ArrayItemProvider } from "azure-devops-ui/Utilities/Provider";
import { ObservableValue } from "azure-devops-ui/Core/Observable";

interface Row { name: string }
const columns: ITableColumn<Row>[] = [{ id: "name", name: "Name", width: new ObservableValue(-100), renderCell: (r, c, col, item) => <SimpleTableCell key={`c${c}`} columnIndex={c} tableColumn={col}><span>{item.name}</span></SimpleTableCell> }];
it("probe", () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ name: `row-${i}` }));
  const t0 = performance.now();
  render(<Table ariaLabel="Connections" columns={columns} itemProvider={new ArrayItemProvider(items)} />);
  console.log("rows", screen.getAllByRole("row").length, performance.now() - t0);
});
