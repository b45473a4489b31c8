export function App() {
  return <div>SalesDesk 销售管理系统</div>;
}
