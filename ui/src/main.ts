import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import "./lib/theme.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");

export default mount(App, { target });
