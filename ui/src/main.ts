import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import "./lib/theme.svelte";
import { guardFileDrops } from "./lib/dropGuard";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

guardFileDrops();

export default mount(App, { target });
