/* taxgen: Web Workers for pages opened from file:// (a site on a file share, no server).
 *
 * Browsers refuse to start a Worker from a file:// page, and mkdocs-material runs its search in
 * one. Here the worker's script runs in a hidden frame of the page's own origin instead, and
 * messages pass between page and frame the way they pass to and from a worker: later, and as
 * copies. Nothing is fetched from the internet. On http(s) pages this file does nothing.
 * (The file name says "iframe-worker" so that material's offline plugin adds no shim of its own.)
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  function later(action) {
    setTimeout(action, 0);
  }

  function copy(data) {
    return typeof structuredClone === "function" ? structuredClone(data) : data;
  }

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.head.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.script = new URL(url, document.baseURI).href;
      this.pending = [];
      this.ready = false;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(this.frame);
      this.start();
    }

    /* The frame gets a worker's globals: postMessage answers the page, importScripts loads
       scripts relative to the worker's script (it returns a promise: material's worker waits on it). */
    start() {
      var self = this;
      var scope = this.frame.contentWindow;
      var doc = this.frame.contentDocument;
      var base = doc.createElement("base");
      base.href = this.script;
      doc.head.appendChild(base);
      scope.postMessage = function (data) { self.answer(data); };
      scope.close = function () { self.terminate(); };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, url) {
          return done.then(function () { return loadScript(doc, new URL(url, self.script).href); });
        }, Promise.resolve());
      };
      loadScript(doc, this.script).then(function () {
        self.ready = true;
        self.pending.splice(0).forEach(function (data) { self.deliver(data); });
      }, function (error) { self.fail(error); });
    }

    postMessage(data) {
      if (this.ready) {
        this.deliver(data);
      } else {
        this.pending.push(data);
      }
    }

    deliver(data) {
      var scope = this.frame.contentWindow;
      var message = copy(data);
      later(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: message })); });
    }

    answer(data) {
      var self = this;
      var message = copy(data);
      later(function () { self.emit(new MessageEvent("message", { data: message }), self.onmessage); });
    }

    fail(error) {
      this.emit(new ErrorEvent("error", { message: String(error && error.message || error) }), this.onerror);
    }

    emit(event, handler) {
      if (typeof handler === "function") {
        handler.call(this, event);
      }
      this.dispatchEvent(event);
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
