package io.chunking.e2e.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's, through its chromedriver) on the dashboard of one master, with what the tests do on
 * the page: log in, open a view, find elements by their {@code data-testid}, wait, take screenshots (saved under
 * {@code target/screenshots/}). One fresh profile directory per browser, deleted on {@link #close()}.
 */
final class DashboardBrowser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	DashboardBrowser(String baseUrl) throws IOException {
		this.baseUrl = baseUrl;
		this.profile = Files.createTempDirectory("chunking-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(ChromiumAvailable.CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + this.profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(ChromiumAvailable.CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	/** Opens the dashboard at a hash route (a new page load, so the page measures its first draws afresh). */
	void open(String hash) {
		this.driver.get("about:blank");
		this.driver.get(this.baseUrl + "/" + hash);
	}

	/** Logs in with the page's form (after clearing what this tab kept) and waits for the jobs view. */
	void logIn(String user, String password) {
		open("#/jobs");
		script("sessionStorage.clear()");
		open("#/jobs");
		byTestId("login-user").sendKeys(user);
		byTestId("login-password").sendKeys(password);
		byTestId("login-submit").click();
		byTestId("jobs-view");
	}

	/** The element with that {@code data-testid}, once it is displayed. */
	WebElement byTestId(String testId) {
		return until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
	}

	/**
	 * Clicks the element with that {@code data-testid} once it is displayed, found and clicked in one script: for
	 * elements the page redraws on each refresh, which a found {@link WebElement} may no longer be by the click.
	 */
	void click(String testId) {
		byTestId(testId);
		script("document.querySelector(arguments[0]).click()", "[data-testid='" + testId + "']");
	}

	/** The text of the element with that {@code data-testid} once it is displayed, read in one script (see click). */
	String text(String testId) {
		byTestId(testId);
		return (String) script("return document.querySelector(arguments[0]).innerText",
				"[data-testid='" + testId + "']");
	}

	List<WebElement> allByTestId(String testId) {
		return this.driver.findElements(testId(testId));
	}

	static By testId(String testId) {
		return By.cssSelector("[data-testid='" + testId + "']");
	}

	<T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
		return until(condition, WAIT);
	}

	<T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition, Duration timeout) {
		try {
			return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100)).until(condition);
		}
		catch (TimeoutException ex) {
			throw new TimeoutException(ex.getMessage() + "\nThe page at " + script("return location.href")
					+ " shows the banner '" + script("return document.getElementById('banner').textContent")
					+ "'; its console: " + this.driver.manage().logs().get(LogType.BROWSER).getAll(), ex);
		}
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	Object asyncScript(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, args);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	String currentHash() {
		return (String) script("return location.hash");
	}

	/**
	 * Saves a screenshot of the whole page (the window grown to the page's height for it) as
	 * {@code target/screenshots/<name>.png} and returns its path.
	 */
	Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Dimension window = this.driver.manage().window().getSize();
		long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
		this.driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
		try {
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	/** Saves a screenshot of one element as {@code target/screenshots/<name>.png} and returns its path. */
	Path screenshot(WebElement element, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		script("arguments[0].scrollIntoView()", element);
		Path target = SCREENSHOTS.resolve(name + ".png");
		Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

}
