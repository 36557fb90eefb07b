import { mount } from 'svelte';
import App from './App.svelte';
import { startFirstCalls } from './lib/first-calls';
import './app.css';

const target = document.getElementById('app');
if (!target) {
  throw new Error('main: #app is missing from index.html');
}

// Main answers the first calls while the App mounts, instead of after.
export default mount(App, { target, props: { first: startFirstCalls() } });
