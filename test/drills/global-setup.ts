import { clearDrillResults, drillTable } from "./verdict";

/** After all drills, the table: drill | lost | duplicates | seconds to recover. */
export default function setup() {
  clearDrillResults();
  return () => {
    console.log(`\n${drillTable()}\n`);
  };
}
